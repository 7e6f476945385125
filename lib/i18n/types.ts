/** A dictionary tree: nested objects whose leaves are strings (with optional `{name}` placeholders). */
export type MessageTree = { [key: string]: string | MessageTree };

/** Same keys as T, every leaf a string: the English dictionary is typed against the Chinese one. */
export type SameShape<T> = { [K in keyof T]: T[K] extends string ? string : SameShape<T[K]> };

/** Every dotted path to a leaf, e.g. "shell.nav.tasks". */
export type MessageKey<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : MessageKey<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type MessageValues = Record<string, string | number>;
