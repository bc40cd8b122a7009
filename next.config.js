/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The native SQLite driver is loaded by Node at run time, not bundled.
  serverExternalPackages: ["better-sqlite3"],
  experimental: {
    // forbidden() answers a real 403 with app/forbidden.tsx, e.g. for someone else's edit page.
    authInterrupts: true,
  },
};

export default nextConfig;
