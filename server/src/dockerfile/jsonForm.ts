import type { JSONInstruction } from 'dockerfile-ast';
import type { LineIndex } from '../core/lineIndex';
import type { Span } from '../core/span';

export interface JsonWord {
  value: string;
  span: Span;
}

/**
 * The strings of an exec-form (JSON) instruction, or undefined for the shell form. Values are
 * decoded from the document text, because dockerfile-ast drops the blanks inside a string
 * (`"sudo ls"` reads as `sudols`).
 */
export function jsonWords(instruction: JSONInstruction, text: string, index: LineIndex):
  JsonWord[] | undefined {
  const json = instruction.getJSONStrings();
  if (json.length === 0 || !instruction.getOpeningBracket()) return undefined;
  return json.map((j) => {
    const span = j.getRange();
    const source = text.slice(index.offsetAt(span.start), index.offsetAt(span.end));
    return { value: decode(source) ?? j.getJSONValue(), span };
  });
}

function decode(source: string): string | undefined {
  try {
    const value: unknown = JSON.parse(source);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
