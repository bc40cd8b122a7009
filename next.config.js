/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The seed's request_image endpoint ends in a slash; API clients do not follow redirects on POST.
  skipTrailingSlashRedirect: true,
  // The native SQLite driver is loaded by Node at run time, not bundled.
  serverExternalPackages: ["better-sqlite3"],
  experimental: {
    // forbidden() answers a real 403 with app/forbidden.tsx, e.g. for someone else's edit page.
    authInterrupts: true,
  },
};

export default nextConfig;
