// dcnum-native: the entry point only hands the arguments to the command line.
return Dcnum.Cli.CommandLine.Run(args);
