import type { Fix, TextEdit } from '../../core/finding';
import type { ExposedPort, Stage } from '../../dockerfile/model';
import { unprivilegedPort } from '../../dockerfile/ports';
import type { ImageContext } from '../../image/context';
import { listenPorts } from '../../nginx/listen';
import type { PlacedConfig } from '../../analysis/checks';
import { replace } from './textEdits';

/**
 * Moves a privileged port to its unprivileged twin everywhere the image names it: the
 * Dockerfile's EXPOSE and the `listen` of every config it copies, so the two stay in step.
 */
export function movePortFix(
  oldPort: number,
  image: ImageContext | undefined,
  configs: PlacedConfig[],
): Fix {
  const newPort = unprivilegedPort(oldPort);
  const edits: TextEdit[] = [];
  for (const { port } of image?.exposed ?? []) {
    if (port.first === oldPort && port.last === oldPort) edits.push(exposeEdit(port, newPort,
      image));
  }
  for (const placed of configs) {
    for (const listen of listenPorts(placed.config)) {
      if (listen.port !== oldPort) continue;
      const text = listen.implied ? `${listen.directive.args[0]?.raw ?? ''}:${newPort}`
        : String(newPort);
      edits.push(replace(placed.file, listen.span, text));
    }
  }
  const both = new Set(edits.map((e) => e.file)).size > 1 ? ' (Dockerfile and config)' : '';
  return {
    title: `Use port ${newPort} instead of ${oldPort}${both}`,
    edits: dedupe(edits),
    safe: true,
    preferred: true,
  };
}

/** Replaces the port in EXPOSE, or in the ARG/ENV default it came from. */
function exposeEdit(port: ExposedPort, newPort: number, image: ImageContext | undefined):
  TextEdit {
  const file = image?.model.file ?? '';
  const { value } = port;
  if (!value.raw.includes('$') || !image) {
    // The whole number or range: `22-22` becomes `8022`, not `8022-22`.
    return replace(file, value.span, value.raw.replace(/^\d+(-\d+)?/, String(newPort)));
  }
  const definition = findDefinition(image, value.used[0]);
  const words = definition?.value?.trim().split(/\s+/) ?? [];
  if (definition?.valueSpan && words.includes(String(port.first))) {
    // `ARG PORTS="80 443"` keeps 443 when 80 moves.
    const moved = words.map((w) => (w === String(port.first) ? String(newPort) : w));
    return replace(file, definition.valueSpan,
      moved.length > 1 ? `"${moved.join(' ')}"` : String(newPort));
  }
  const suffix = port.protocol === 'tcp' ? '' : `/${port.protocol}`;
  return replace(file, value.span, `${newPort}${suffix}`);
}

function findDefinition(image: ImageContext, name: string | undefined) {
  if (name === undefined) return undefined;
  const stages: Stage[] = [...image.chain].reverse();
  for (const stage of stages) {
    const found = stage.definitions.find((d) => d.name === name);
    if (found) return found;
  }
  return image.model.globals.find((d) => d.name === name);
}

function dedupe(edits: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = `${e.file}:${e.span.start.line}:${e.span.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
