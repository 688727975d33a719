// Kubernetes resource quantities (k8s.io/apimachinery pkg/api/resource Quantity): a decimal number
// with an optional exponent or suffix: binary Ki Mi Gi Ti Pi Ei, decimal k M G T P E, or m (milli).
// Used for spec.{driver,executor}.memoryLimit, which spark-operator's webhook writes into the pod's
// memory limit. Returns bytes, or undefined when the text is not a quantity.

const BINARY: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Readonly<Record<string, number>> = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E))?$/;

export function parseK8sQuantity(text: string): number | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] !== undefined) return n * Number(`1${m[2]}`);
  const suffix = m[3] ?? '';
  const mult = BINARY[suffix] ?? DECIMAL[suffix];
  return mult === undefined ? undefined : n * mult;
}
