/**
 * One value per key object, made on first ask and kept as long as the key lives (a WeakMap):
 * the session's population, its Program store, its eCQM run. Later asks get the same value;
 * arguments after the key are used only when the value is made.
 */
export function onePer<K extends object, A extends unknown[], V>(make: (key: K, ...args: A) => V): (key: K, ...args: A) => V {
  const made = new WeakMap<K, V>();
  return (key, ...args) => {
    if (made.has(key)) return made.get(key) as V;
    const value = make(key, ...args);
    made.set(key, value);
    return value;
  };
}
