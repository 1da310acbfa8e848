namespace Dcnum.Cli;

/// <summary>The text of <c>dcnum --help</c>; kept beside the commands so both change together.</summary>
internal static class HelpText
{
    public const string Main = """
        dcnum-native: the dcnum RT-DC processing pipeline as one native executable.

        Usage:
          dcnum process PATH_IN [PATH_OUT] [options]   process a measurement (also: dcnum PATH_IN …)
            -b, --background-method sparsemed|rollmed|copy   (default sparsemed)
            -kb KEY=VALUE    background options, e.g. -kb kernel_size=100
            -s, --segmentation-method thresh|torchmpo|torchsto|torchuni   (default thresh)
            -ks KEY=VALUE    segmenter options: thresh, clear_border, fill_holes, closing_disk;
                             torch*: model_file=MODEL.dcnm (a path, or a name looked up in the
                             current directory, then in DCNUM_MODEL_PATH, colon-separated)
            --skip-validation   run a model without checking its validation rules (as dcnum's library)
            -kf KEY=VALUE    feature options: brightness, haralick, volume
            -kg KEY=VALUE    gate options: online_gates, size_thresh_mask
            -p, --pixel-size UM   override the pixel size (default: from the file)
            --limit-events N|A-B|A-B-STEP   process only these frames ('n' = none for the step)
            --drain-basins   copy images and frame data into the output (default: link the input)
            -c, --compression none|zstd-1 … zstd-9   (default zstd-5)
            -r, --recursive  process every *.rtdc below PATH_IN (outputs mirrored under PATH_OUT)
            --num-cpus N     --dry-run     --force     --progress auto|json|none
            --verbose        print the run log while processing
          dcnum info FILE [--json]                 what is in an .rtdc file, or a .dcnm model file
          dcnum compare REF CAND [--json] [--rtol R] [--atol A]
                                                   are two .rtdc files the same output?
          dcnum demo [DIR] [--frames N] [--seed S] [--force]
                                                   synthesise a small measurement as DIR/demo.rtdc
                                                   (default DIR: dcnum-demo, 400 frames)
          dcnum --version | --help

        Options for every command:
          --debug                                  print stack traces of errors

        Exit codes: 0 done, 1 failed (one line on stderr), 2 usage error, 130 interrupted, 143 terminated.

        """;
}
