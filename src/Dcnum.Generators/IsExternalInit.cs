namespace System.Runtime.CompilerServices;

// Polyfill so the netstandard2.0 generator may use init accessors and records (the model's records).
internal static class IsExternalInit
{
}
