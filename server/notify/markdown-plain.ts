// Markdown → plain text, for card fields that do not render markdown (WeCom template_card).

const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function inline(line: string): string {
  return line
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<font[^>]*>(.*?)<\/font>/gi, "$1")
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/__(.+?)__/g, "$1")
    .replace(/`([^`]*)`/g, "$1");
}

export function markdownToPlain(markdown: string): string {
  const lines: string[] = [];
  for (const raw of markdown.split("\n")) {
    if (TABLE_SEPARATOR.test(raw)) continue;
    let line = raw.replace(/^\s*#{1,6}\s+/, "").replace(/^\s*>\s?/, "");
    if (/^\s*\|.*\|\s*$/.test(line)) {
      line = line
        .trim()
        .replace(/^\||\|$/g, "")
        .split("|")
        .map((cell) => cell.trim())
        .join(" | ");
    }
    lines.push(inline(line).trimEnd());
  }
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
