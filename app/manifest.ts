import type { MetadataRoute } from "next";

// Served at /manifest.webmanifest; the layout links it. The colours are the app's: the page
// background (slate-50) and the header's white, which the light theme-color also gives.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Atmosphere Images",
    short_name: "Images",
    description: "Browse, edit and request the virtual-machine images of the research cloud.",
    id: "/images",
    start_url: "/images",
    scope: "/",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#ffffff",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
