-- CreateTable
CREATE TABLE "sign_in_throttles" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "first_failure" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "blocked_until" DATETIME
);

