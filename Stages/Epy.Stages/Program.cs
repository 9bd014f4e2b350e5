// epy-stage builder | runner | output — the stage program (issue 4). Only the pieces that exist are wired.
Console.Error.WriteLine("usage: epy-stage builder|runner|output (not yet available: see issue 4)");
return 2;
