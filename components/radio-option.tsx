/** One choice of a radio group, with a short explanation after its title. */
type Props = { name: string; value: string; checked: boolean; onSelect: () => void; title: string; hint?: string };

export function RadioOption({ name, value, checked, onSelect, title, hint }: Props) {
  return (
    <label className="flex items-start gap-2 py-1">
      <input type="radio" name={name} value={value} checked={checked} onChange={onSelect} className="mt-1" />
      <span>
        {title} {hint && <span className="text-sm text-slate-600 dark:text-slate-400">— {hint}</span>}
      </span>
    </label>
  );
}
