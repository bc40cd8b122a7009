/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Compression is nginx's (deploy/nginx), done in C beside the app. In the app, each chunk of a
  // gzipped answer waits for a turn of the event loop: with 32 connections reading the catalog,
  // an edit's answer took 280–380 ms at p99 gzipped against 130–160 ms plain.
  compress: false,
  // The seed's request_image endpoint ends in a slash; API clients do not follow redirects on POST.
  skipTrailingSlashRedirect: true,
  // Native modules (the SQLite driver, bcrypt) are loaded by Node at run time, not bundled.
  serverExternalPackages: ["better-sqlite3", "bcrypt"],
  // On every answer, pages and API alike (pages also get a CSP with a nonce, from proxy.ts).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
      // Every API answer but an image's icon, whose route sends a policy of its own (a header set
      // here would replace the route's).
      {
        source: "/api/:path((?!v1/images/[^/]+/icon/?$).*)",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
  experimental: {
    // forbidden() answers a real 403 with app/forbidden.tsx, e.g. for someone else's edit page.
    authInterrupts: true,
  },
};

export default nextConfig;
