using Epy.Google.Auth;

namespace Epy.Orchestrator.Cloud.Tests.Emulators;

public class EmulatorSmokeTests
{
    [Fact]
    public async Task NoAccessToken_GivesNoToken_ForTheEmulators()
    {
        (await new NoAccessToken().GetAccessTokenAsync(default)).ShouldBeNull();
    }

    [Fact]
    public async Task FirestoreEmulator_Starts_AndAnswersOnLoopback()
    {
        await using var emulator = await EmulatorProcess.StartFirestoreAsync();
        using var client = new HttpClient { BaseAddress = emulator.BaseAddress };
        using var response = await client.GetAsync("/");
        ((int)response.StatusCode).ShouldBeLessThan(500);
    }
}
