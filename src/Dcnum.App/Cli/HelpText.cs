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
            --report         write the HTML report (see report) beside the output
          dcnum info FILE [--json]                 what is in an .rtdc file, or a .dcnm model file
          dcnum report FILE [-o FILE.html]         one self-contained HTML page about a result:
                                                   pipeline, counts, plots, event images
                                                   (default: <stem>.html beside FILE, replaced)
          dcnum compare REF CAND [--json] [--rtol R] [--atol A]
                                                   are two .rtdc files the same output?
          dcnum demo [DIR] [--frames N] [--seed S] [--force]
                                                   synthesise a small measurement as DIR/demo.rtdc
                                                   (default DIR: dcnum-demo, 400 frames)
          dcnum batch submit PATH_IN PATH_OUT [process options] [batch options]
                                                   every *.rtdc below PATH_IN as Slurm job arrays
            --files-per-task K (10)  --max-parallel N (%N)  --partition P  --time T
            --cpus-per-task C (2)  --mem M  --sbatch-arg ARG  --wait  --dry-run
          dcnum batch status PATH_OUT [--json]     done / failed / running / pending / skipped / missing
          dcnum batch report PATH_OUT [--json] [--html [FILE.html]]
                                                   every file and the totals (exit 0: all done), each
                                                   file's page (submit … --report); --html: also one
                                                   page linking them (default .dcnum-batch/report.html)
          dcnum batch resubmit PATH_OUT [--all-failed] [--files-per-task K] [--max-parallel N]
                                   [Slurm options] [--wait]
                                                   the files without a result and the failed ones whose
                                                   input changed (--all-failed: every failed one)
          dcnum batch cancel PATH_OUT              scancel the batch's queued jobs
          dcnum batch run-task BATCH_DIR --task I [--wave W]
                                                   one task's files (what each array task runs)
          dcnum --version | --help

        Options for every command:
          --debug                                  print stack traces of errors

        Exit codes: 0 done, 1 failed (one line on stderr), 2 usage error, 130 interrupted, 143 terminated.

        """;
}
