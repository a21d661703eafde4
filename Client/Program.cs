using Client.Cli;

return await ClientCommandLine.RunAsync(args);
