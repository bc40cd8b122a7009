/** The image's icon, or a placeholder drawn from its name: a colour from its id and its initials. */
export function ImageIcon({ image, size = 48 }: { image: { id: string; name: string; icon: string | null }; size?: number }) {
  if (image.icon) {
    // eslint-disable-next-line @next/next/no-img-element -- served by our own API, already small
    return <img src={image.icon} alt="" width={size} height={size} className="shrink-0 rounded-lg object-cover" style={{ width: size, height: size }} />;
  }
  let hash = 0;
  for (const char of image.id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  const initials =
    image.name
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => word[0]!.toUpperCase())
      .join("") || "?";
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" className="shrink-0 rounded-lg">
      <rect width="48" height="48" fill={`hsl(${hue} 55% 42%)`} />
      <text x="24" y="30" textAnchor="middle" fontSize="17" fontWeight="600" fill="white" fontFamily="system-ui, sans-serif">
        {initials}
      </text>
    </svg>
  );
}
