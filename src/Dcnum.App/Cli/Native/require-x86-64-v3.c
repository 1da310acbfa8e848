/* Linked into the x86-64-v3 build of dcnum only (Dcnum.App.csproj, DcnumIsa=v3). An ELF constructor
   runs before main, so before the .NET runtime starts: on a CPU without AVX2/FMA the runtime would print
   "The required instruction sets are not supported by the current CPU." and abort (SIGABRT, a core dump).
   Here such a CPU gets one line naming the way out and exit code 1. __builtin_cpu_supports checks the
   psABI level x86-64-v3 (AVX, AVX2, BMI1, BMI2, F16C, FMA, LZCNT, MOVBE) including the OS's AVX state. */
#include <unistd.h>

__attribute__((constructor)) static void dcnum_require_x86_64_v3(void)
{
    static const char message[] =
        "dcnum: error: this CPU lacks the x86-64-v3 instructions (AVX2, FMA) this build needs; "
        "build for older CPUs with 'dotnet publish src/Dcnum.App -c Release -p:DcnumIsa=baseline'\n";
    __builtin_cpu_init();
    if (__builtin_cpu_supports("x86-64-v3"))
        return;
    ssize_t ignored = write(2, message, sizeof message - 1);
    (void)ignored;
    _exit(1);
}
