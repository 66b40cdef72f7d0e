/**
 * Language tags checked as BCP 47: well-formed (the `bcp-47` parser, RFC 5646 syntax) and made of subtags
 * that the IANA Language Subtag Registry lists and does not deprecate (`language-tags`, which ships the
 * registry). `xx` is well-formed but names no language; `en--GB` is not well-formed; `en-gb` is valid and
 * written `en-GB`.
 */
import { parse } from 'bcp-47';
import tags from 'language-tags';

export type LanguageCheck = { ok: true; tag: string } | { ok: false; reason: string };

export function checkLanguageTag(value: string): LanguageCheck {
  const warnings: string[] = [];
  const parsed = parse(value, {
    warning: (reason) => {
      warnings.push(reason);
    },
  });
  if (!parsed.language && parsed.privateuse.length === 0 && parsed.irregular === null && parsed.regular === null) {
    return { ok: false, reason: `"${value}" is not a well-formed BCP 47 language tag${warnings[0] ? ` (${warnings[0].replace(/\.$/, '').toLowerCase()})` : ''}` };
  }
  const tag = tags(value);
  if (tag.valid()) return { ok: true, tag: tag.format() };
  // a deprecated subtag has a preferred replacement ("iw" → "he")
  const replaced = tag.subtags().find((s) => s.deprecated() && s.preferred());
  if (replaced) return { ok: false, reason: `"${value}" uses the subtag "${replaced.format()}", which the IANA registry deprecates: use "${replaced.preferred()!.format()}"` };
  const messages = tag.errors().map((e) => e.message.replace(/\.$/, ''));
  const unknown = messages.find((m) => /^Unknown code/i.test(m));
  return {
    ok: false,
    reason: `"${value}" is not a language tag the IANA registry knows${unknown ? ` (${unknown.toLowerCase().replace(/^unknown code/, 'unknown subtag')})` : messages[0] ? ` (${messages[0]})` : ''}: use a registered code such as en, en-GB, fr, de, es or ru`,
  };
}
