using Epy.Engine.Simulation;

namespace Epy.Engine.Tests.Simulation;

/// <summary>
/// With a very large population and a small step, the stochastic scheme must follow the ODE of the
/// same rates: the check that catches a wrong hazard, a wrong split or a wrong update order.
/// </summary>
public sealed class DeterministicLimitTests
{
    private const long Population = 1_000_000_000;
    private const double Dt = 0.02;
    private const int Days = 160;

    [Fact]
    public void Sir_LargePopulation_FollowsOde()
    {
        const double beta = 0.3, gamma = 0.1;
        var model = TestModels.Compile(TestModels.Sir(beta, gamma), TestModels.OneGroup(Population), Days, b => b.Proportion("I", 1e-4).Rest("S"), Dt);
        var output = new Simulator(model).Run(11);
        var i0 = Math.Floor(1e-4 * Population);
        var ode = Ode.Solve([Population - i0, i0, 0], (y, dy) =>
        {
            var infection = beta * y[0] * y[1] / Population;
            dy[0] = -infection;
            dy[1] = infection - gamma * y[1];
            dy[2] = gamma * y[1];
        }, Dt, model.Grid.Steps);

        Compare(output, ode, "I_total", 1);
        Compare(output, ode, "R_total", 2);
    }

    [Fact]
    public void Seir_LargePopulation_FollowsOde()
    {
        const double beta = 0.5, sigma = 0.25, gamma = 0.2;
        var model = TestModels.Compile(TestModels.Seir(beta, sigma, gamma), TestModels.OneGroup(Population), Days, b => b.Proportion("I", 1e-4).Rest("S"), Dt);
        var output = new Simulator(model).Run(12);
        var i0 = Math.Floor(1e-4 * Population);
        var ode = Ode.Solve([Population - i0, 0, i0, 0], (y, dy) =>
        {
            var infection = beta * y[0] * y[2] / Population;
            dy[0] = -infection;
            dy[1] = infection - sigma * y[1];
            dy[2] = sigma * y[1] - gamma * y[2];
            dy[3] = gamma * y[2];
        }, Dt, model.Grid.Steps);

        Compare(output, ode, "E_total", 1);
        Compare(output, ode, "I_total", 2);
        Compare(output, ode, "R_total", 3);
    }

    /// <summary>Peak size, peak time and final value agree within 1%.</summary>
    private static void Compare(SimulationOutput output, double[][] ode, string series, int index)
    {
        var simulated = output.Series(series);
        var expected = ode.Select(y => y[index]).ToArray();
        var peak = expected.Max();
        simulated.Max().ShouldBe(peak, peak * 0.01, series);
        var peakTime = Array.IndexOf(expected, peak);
        Math.Abs(Array.IndexOf(simulated, simulated.Max()) - peakTime).ShouldBeLessThanOrEqualTo((int)(0.01 * expected.Length) + 1, series);
        simulated[^1].ShouldBe(expected[^1], Math.Max(peak, expected[^1]) * 0.01, series);
        for (var t = 0; t < expected.Length; t++)
            Math.Abs(simulated[t] - expected[t]).ShouldBeLessThan(0.01 * peak, $"{series} at step {t}");
    }

    private static class Ode
    {
        /// <summary>Classical RK4 with 10 sub-steps per output step; returns the state after every step.</summary>
        public static double[][] Solve(double[] initial, Action<double[], double[]> derivative, double dt, int steps)
        {
            const int substeps = 10;
            var h = dt / substeps;
            var n = initial.Length;
            var y = (double[])initial.Clone();
            double[] k1 = new double[n], k2 = new double[n], k3 = new double[n], k4 = new double[n], tmp = new double[n];
            var result = new double[steps][];
            for (var s = 0; s < steps; s++)
            {
                for (var sub = 0; sub < substeps; sub++)
                {
                    derivative(y, k1);
                    for (var i = 0; i < n; i++) tmp[i] = y[i] + 0.5 * h * k1[i];
                    derivative(tmp, k2);
                    for (var i = 0; i < n; i++) tmp[i] = y[i] + 0.5 * h * k2[i];
                    derivative(tmp, k3);
                    for (var i = 0; i < n; i++) tmp[i] = y[i] + h * k3[i];
                    derivative(tmp, k4);
                    for (var i = 0; i < n; i++) y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
                }
                result[s] = (double[])y.Clone();
            }
            return result;
        }
    }
}
