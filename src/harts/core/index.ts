// Hart core entry point (AssemblyScript). Replaced by the full interpreter.
export function coreVersion(): i32 {
  return 1;
}
