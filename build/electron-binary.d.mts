export function electronBinary():
  { bin: string; reason?: undefined } | { reason: string; bin?: undefined };
