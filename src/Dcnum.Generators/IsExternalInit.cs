namespace System.Runtime.CompilerServices
{
    // Polyfill so the netstandard2.0 generator may use init accessors and records.
    internal static class IsExternalInit
    {
    }
}
