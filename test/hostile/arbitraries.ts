import fc from "fast-check";

// Hostile values: wrong types, edge numbers, injection-looking and oversized strings, deep and
// odd objects. Used for bodies, query strings, path params and tRPC inputs.

const nastyStrings = [
  "",
  " ",
  "-1",
  "0",
  "1e309",
  "NaN",
  "Infinity",
  "0x10",
  "9007199254740993",
  "99999999999999999999999",
  "1.5",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "' OR 1=1 --",
  '"; DROP TABLE platform_scheduled_tasks; --',
  "../../../etc/passwd",
  "%00",
  "\u0000",
  "\uFFFF\uD800",
  "😀".repeat(30),
  "<script>alert(1)</script>",
  "* * * * * * *",
  "61 * * * *",
  "25:00",
  "Mars/Olympus_Mons",
  "http://169.254.169.254/latest/meta-data",
  "file:///etc/passwd",
  "javascript:alert(1)",
  "a".repeat(101),
  "字".repeat(300),
];

export const nastyString = fc.oneof(
  fc.constantFrom(...nastyStrings),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.integer({ min: 200, max: 70_000 }).map((n) => "x".repeat(n)),
);

export const nastyNumber = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1,
    2,
    3,
    2 ** 31,
    2 ** 31 - 1,
    2 ** 53,
    -(2 ** 53),
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    NaN,
    Infinity,
    -Infinity,
    1.5,
  ),
  fc.integer(),
  fc.double(),
);

export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  fc.constantFrom(null, undefined, true, false),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  fc.array(fc.oneof(nastyString, nastyNumber), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(nastyString, nastyNumber), { maxKeys: 4 }),
  fc.constant({ __proto__: { polluted: true } }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}')),
  fc.anything({ maxDepth: 2 }),
  // What superjson lets a console caller send: BigInts, Dates, Maps, Sets, sparse arrays, deep inside.
  fc.anything({
    maxDepth: 2,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withSparseArray: true,
    withNullPrototype: true,
    withBoxedValues: true,
    withTypedArray: true,
  }),
  fc.dictionary(
    fc.string({ maxLength: 6 }),
    fc.oneof(fc.bigInt(), fc.constantFrom(NaN, Infinity, -0, undefined), fc.date({ noInvalidDate: false })),
    { minKeys: 1, maxKeys: 3 },
  ),
);

/** Objects built from the keys a schema knows, each with a hostile value (some keys left out). */
export function shapedInput(
  keys: string[],
  nested: fc.Arbitrary<unknown> = nastyValue,
): fc.Arbitrary<unknown> {
  if (keys.length === 0) return fc.anything({ maxDepth: 2 });
  return fc.dictionary(
    fc.constantFrom(...keys),
    fc.oneof({ weight: 4, arbitrary: nastyValue }, { weight: 1, arbitrary: nested }),
    { maxKeys: keys.length + 1 },
  );
}

/** JSON-serialisable hostile bodies (what a REST client can send). */
export const jsonBody = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(null, 0, "", [], {}));
