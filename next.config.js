/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The native SQLite driver is loaded by Node at run time, not bundled.
  serverExternalPackages: ["better-sqlite3"],
};

export default nextConfig;
