using System.Globalization;
using System.Text;
using CsCheck;

namespace Epy.Tests;

/// <summary>
/// Bad input for the fuzz tests: how many cases each property gets (a CI-sized default, more with
/// <c>EPY_FUZZ_ITERATIONS</c>), and generators of malformed text made by mutating valid documents
/// (truncation, flipped and inserted characters, values of the wrong type) or from nothing at all.
/// Mutations are drawn from a seed, so CsCheck reports a seed that replays the failing case.
/// </summary>
public static class Fuzz
{
    /// <summary>The environment variable that sets the number of cases of every fuzz property.</summary>
    public const string Variable = "EPY_FUZZ_ITERATIONS";

    private static readonly string[] Values =
    [
        "null", "true", "false", "0", "-1", "1e999", "-0.0", "9223372036854775808", "1.5", "\"\"", "\"x\"",
        "[]", "{}", "[[[[[[[[]]]]]]]]", "\"\\u0000\"", "\"\\ud800\"", "\"../../etc/passwd\"", "\"%2e%2e/x\"",
        "\"a\\nb\"", "\"20261124-101500-a1b2c3d4\\n\"", "\"" + new string('z', 300) + "\"", "{\"a\":{\"b\":[1,{}]}}",
    ];

    private static readonly char[] Noise = "{}[]\":,\\ \t\n0123456789-+.eEtrufalsn\0\u00e9\ud800/".ToCharArray();

    /// <summary>Cases per property: <paramref name="ciDefault"/>, or <c>EPY_FUZZ_ITERATIONS</c> when set to a positive number.</summary>
    public static long Iterations(long ciDefault) =>
        long.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : ciDefault;

    /// <summary>Malformed variants of <paramref name="seeds"/> (valid documents), and now and then random text.</summary>
    public static Gen<string> Mutants(params string[] seeds) =>
        Gen.Select(Gen.Int[0, seeds.Length - 1], Gen.Int[0, 8], Gen.Int, (seed, kind, random) => Mutate(seeds[seed], kind, new Draws((ulong)random)));

    /// <summary>Random strings over an alphabet rich in the characters parsers trip on (path, JSON, control, surrogates).</summary>
    public static Gen<string> Text(int maxLength = 80) =>
        Gen.Select(Gen.Int[0, maxLength], Gen.Int, (length, random) =>
        {
            var rng = new Draws((ulong)random);
            var builder = new StringBuilder(length);
            for (var i = 0; i < length; i++)
                builder.Append(rng.Next(4) == 0 ? (char)rng.Next(0, 0x3000) : Noise[rng.Next(Noise.Length)]);
            return builder.ToString();
        });

    /// <summary>One mutation of <paramref name="valid"/>: the kind picks how.</summary>
    public static string Mutate(string valid, int kind, Draws rng)
    {
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(rng);
        var at = valid.Length == 0 ? 0 : rng.Next(valid.Length);
        return kind switch
        {
            // Truncated anywhere (a body cut short).
            0 => valid[..at],
            // One character replaced.
            1 => valid.Length == 0 ? "{" : valid[..at] + Noise[rng.Next(Noise.Length)] + valid[(at + 1)..],
            // A value of another type spliced in after a colon (wrong types).
            2 => SpliceValue(valid, rng),
            // A random JSON-ish fragment inserted.
            3 => valid.Insert(at, Values[rng.Next(Values.Length)]),
            // A span removed.
            4 => valid.Remove(at, rng.Next(Math.Max(1, valid.Length - at))),
            // Doubled (two documents, trailing content).
            5 => valid + valid[..at],
            // Every string value replaced by one of the tricky values.
            6 => ReplaceStrings(valid, rng),
            // Random bytes-as-text.
            7 => new string([.. Enumerable.Range(0, rng.Next(64)).Select(_ => Noise[rng.Next(Noise.Length)])]),
            // The document itself: the mutated cases must not be the only ones tried.
            _ => valid,
        };
    }

    private static string SpliceValue(string valid, Draws rng)
    {
        var colons = Enumerable.Range(0, valid.Length).Where(i => valid[i] == ':').ToList();
        if (colons.Count == 0)
            return Values[rng.Next(Values.Length)];
        var colon = colons[rng.Next(colons.Count)];
        var end = colon + 1;
        var depth = 0;
        var inString = false;
        for (; end < valid.Length; end++)
        {
            var c = valid[end];
            if (inString)
            {
                if (c == '\\')
                    end++;
                else if (c == '"')
                    inString = false;
                continue;
            }
            if (c == '"')
                inString = true;
            else if (c is '{' or '[')
                depth++;
            else if (c is '}' or ']' && depth-- == 0)
                break;
            else if (c == ',' && depth == 0)
                break;
        }
        return valid[..(colon + 1)] + Values[rng.Next(Values.Length)] + valid[Math.Min(end, valid.Length)..];
    }

    private static string ReplaceStrings(string valid, Draws rng)
    {
        var builder = new StringBuilder(valid.Length);
        var parts = valid.Split('"');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
                builder.Append('"');
            // Odd parts are inside quotes: keep keys (followed by ':') and change some values.
            var isValue = i % 2 == 1 && !(i + 1 < parts.Length && parts[i + 1].TrimStart().StartsWith(':'));
            builder.Append(isValue && rng.Next(2) == 0 ? Values[rng.Next(Values.Length)].Trim('"') : parts[i]);
        }
        return builder.ToString();
    }

    /// <summary>A small seeded generator (SplitMix64) for the mutations: System.Random's seeded one is banned here.</summary>
    public sealed class Draws(ulong seed)
    {
        private ulong _state = seed;

        /// <summary>A number in [0, <paramref name="max"/>).</summary>
        public int Next(int max) => max <= 1 ? 0 : (int)(NextULong() % (ulong)max);

        /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>).</summary>
        public int Next(int min, int max) => min + Next(max - min);

        private ulong NextULong()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
