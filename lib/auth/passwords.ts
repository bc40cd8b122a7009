import bcrypt from "bcryptjs";

// bcrypt's cost doubles the work per step; 11 is about 150 ms here. Tests lower it through
// BCRYPT_COST so that creating fixture users stays fast.
const cost = () => Number(process.env.BCRYPT_COST) || 11;

export const hashPassword = (password: string) => bcrypt.hash(password, cost());
export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);

const dummyHashes = new Map<number, Promise<string>>();
/** A hash of the current cost to check when the user does not exist, so that both cases take as long. */
export function hashOfNoUser(): Promise<string> {
  if (!dummyHashes.has(cost())) dummyHashes.set(cost(), hashPassword("no such user"));
  return dummyHashes.get(cost())!;
}
