import JSFCommandLine

JSF.run(CommandLine.arguments)
