/** An absolute or protocol-relative URL: anything fetched from another host. */
const EXTERNAL = String.raw`(?:https?:)?//`;
const EXTERNAL_LINK = new RegExp(String.raw`<link\b[^>]*\bhref\s*=\s*["']?${EXTERNAL}[^>]*>\s*`, 'gi');
const EXTERNAL_SCRIPT = new RegExp(
  String.raw`<script\b[^>]*\bsrc\s*=\s*["']?${EXTERNAL}[^>]*>\s*</script>\s*`,
  'gi',
);
const EXTERNAL_IMPORT = new RegExp(String.raw`@import\s+(?:url\()?\s*["']?${EXTERNAL}[^;]*;`, 'gi');

/**
 * A page without what it would fetch from other hosts (Bull Board links Google's web fonts): government networks
 * block them, and a page that waits for them renders late or not at all. The page falls back to the system fonts.
 */
export function withoutExternalAssets(html: string): string {
  return html.replace(EXTERNAL_LINK, '').replace(EXTERNAL_SCRIPT, '').replace(EXTERNAL_IMPORT, '');
}
