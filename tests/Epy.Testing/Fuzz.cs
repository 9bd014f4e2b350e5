using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CsCheck;

namespace Epy.Testing;

/// <summary>
/// Bad input for the fuzz tests: how many cases each property gets (a CI-sized default, more with
/// <c>EPY_FUZZ_ITERATIONS</c>), and generators of malformed text made by mutating valid documents
/// (truncation, flipped and inserted characters, values of the wrong type) or from nothing at all.
/// Mutations are drawn from a seed, so a failure names the seed that replays it (<c>CsCheck_Seed</c>).
/// <para>
/// <see cref="Check{T}"/> and <see cref="CheckAsync{T}"/> run a property: by default (CI) on the same cases every
/// time, from a fixed seed per test, so a CI run never fails on a case no earlier run met; with
/// <c>EPY_FUZZ_ITERATIONS</c> set, through CsCheck on fresh seeds (and shrinking), to explore.
/// </para>
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

    /// <summary>True when <c>EPY_FUZZ_ITERATIONS</c> asks for a longer pass on fresh seeds.</summary>
    public static bool Exploring => Iterations(0) > 0;

    /// <summary>Checks <paramref name="assert"/> on <paramref name="iterations"/> cases of <paramref name="gen"/> (see the class).</summary>
    public static void Check<T>(this Gen<T> gen, Action<T> assert, long iterations, int threads = -1, [CallerFilePath] string file = "", [CallerMemberName] string test = "")
    {
        ArgumentNullException.ThrowIfNull(gen);
        ArgumentNullException.ThrowIfNull(assert);
        if (Exploring)
        {
            gen.Sample(assert, iter: iterations, threads: threads);
            return;
        }
        foreach (var (value, seed) in FixedCases(gen, iterations, file, test))
        {
            try
            {
                assert(value);
            }
            catch (Exception failure)
            {
                throw Failed(seed, value, failure);
            }
        }
    }

    /// <summary>Checks <paramref name="assert"/> on <paramref name="iterations"/> pairs of <paramref name="gen"/> (see the class).</summary>
    public static void Check<T1, T2>(this Gen<(T1, T2)> gen, Action<T1, T2> assert, long iterations, int threads = -1, [CallerFilePath] string file = "", [CallerMemberName] string test = "")
    {
        ArgumentNullException.ThrowIfNull(assert);
        gen.Check(pair => assert(pair.Item1, pair.Item2), iterations, threads, file, test);
    }

    /// <summary>Checks <paramref name="assert"/> on <paramref name="iterations"/> cases of <paramref name="gen"/>, one at a time (see the class).</summary>
    public static async Task CheckAsync<T>(this Gen<T> gen, Func<T, Task> assert, long iterations, [CallerFilePath] string file = "", [CallerMemberName] string test = "")
    {
        ArgumentNullException.ThrowIfNull(gen);
        ArgumentNullException.ThrowIfNull(assert);
        if (Exploring)
        {
            await gen.SampleAsync(assert, iter: iterations, threads: 1);
            return;
        }
        foreach (var (value, seed) in FixedCases(gen, iterations, file, test))
        {
            try
            {
                await assert(value);
            }
            catch (Exception failure)
            {
                throw Failed(seed, value, failure);
            }
        }
    }

    /// <summary>Checks <paramref name="assert"/> on <paramref name="iterations"/> quadruples of <paramref name="gen"/>, one at a time (see the class).</summary>
    public static Task CheckAsync<T1, T2, T3, T4>(this Gen<(T1, T2, T3, T4)> gen, Func<T1, T2, T3, T4, Task> assert, long iterations, [CallerFilePath] string file = "", [CallerMemberName] string test = "")
    {
        ArgumentNullException.ThrowIfNull(assert);
        return gen.CheckAsync(t => assert(t.Item1, t.Item2, t.Item3, t.Item4), iterations, file, test);
    }

    /// <summary>
    /// The fixed cases of one test: CsCheck's generator driven by a PCG whose seed comes from the test's file and
    /// name (stable across runs and machines), led by <c>CsCheck_Seed</c>'s case when set (to replay a failure).
    /// </summary>
    private static IEnumerable<(T Value, string Seed)> FixedCases<T>(Gen<T> gen, long iterations, string file, string test)
    {
        if (CsCheck.Check.Seed is { } replay)
        {
            var replayed = PCG.Parse(replay);
            yield return (gen.Generate(replayed, null, out _), replay);
        }
        var pcg = new PCG(1, StableHash($"{Path.GetFileName(file)}:{test}"));
        for (var i = 0L; i < iterations; i++)
        {
            var state = pcg.State;
            yield return (gen.Generate(pcg, null, out _), pcg.ToString(state));
        }
    }

    private static CsCheckException Failed<T>(string seed, T value, Exception failure) =>
        new($"Fixed CI case failed. Set seed: \"{seed}\" or -e CsCheck_Seed={seed} to reproduce.\n{CsCheck.Check.Print(value)}", failure);

    /// <summary>FNV-1a of <paramref name="text"/>: the same number in every process (string.GetHashCode is not).</summary>
    private static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }

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
