import { OfficialLanguage } from '@grants/core';
import { en, MessageKey } from './en';
import { fr } from './fr';

export type { MessageKey } from './en';
export const CATALOGS: Record<OfficialLanguage, Record<MessageKey, string>> = { en, fr };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The words of one language, with `{name}` placeholders filled in. */
export function translator(locale: OfficialLanguage): Translate {
  const catalog = CATALOGS[locale];
  return (key, params = {}) => catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
