using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Epy.Orchestrator.Tests.Browser;

/// <summary>One browser tab over the DevTools protocol: navigate, evaluate script, take screenshots.</summary>
public sealed class CdpPage : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _waiting = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private Task _reading = Task.CompletedTask;
    private int _nextId;

    /// <summary>Messages the page logged to its console and uncaught errors, for failure messages.</summary>
    public ConcurrentQueue<string> Console { get; } = new();

    public static async Task<CdpPage> ConnectAsync(Uri webSocket)
    {
        var page = new CdpPage();
        page._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await page._socket.ConnectAsync(webSocket, CancellationToken.None);
        page._reading = Task.Run(page.ReadAsync);
        return page;
    }

    /// <summary>Sends a command and returns its result (throws on a protocol error).</summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = answer;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
        return await answer.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Opens <paramref name="url"/> and waits until the document has loaded.</summary>
    public async Task NavigateAsync(string url)
    {
        await SendAsync("Page.navigate", new { url });
        await WaitForAsync("document.readyState === 'complete' && location.href !== 'about:blank'", $"{url} never finished loading");
    }

    /// <summary>The value of <paramref name="expression"/> (awaited when it is a promise), as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (result.TryGetProperty("exceptionDetails", out var failure))
            throw new InvalidOperationException($"script failed: {expression}\n{failure}");
        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    public async Task<string> TextAsync(string expression) => (await EvaluateAsync(expression)).GetString() ?? "";

    /// <summary>Polls <paramref name="condition"/> (a script expression) until it is true, for at most <paramref name="seconds"/>.</summary>
    public async Task WaitForAsync(string condition, string whatNeverHappened, double seconds = 20)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await EvaluateAsync($"Boolean({condition})")).ValueKind == JsonValueKind.True)
                    return;
            }
            catch (InvalidOperationException)
            {
                // The page is between documents: try again.
            }
            if (clock.Elapsed.TotalSeconds > seconds)
                throw new TimeoutException($"after {seconds} s: {whatNeverHappened}\nconsole:\n{string.Join("\n", Console)}");
            await Task.Delay(100);
        }
    }

    /// <summary>Presses and releases a key, as a keyboard would (e.g. <c>Tab</c>, 9).</summary>
    public async Task PressAsync(string key, int keyCode)
    {
        await SendAsync("Input.dispatchKeyEvent", new { type = "rawKeyDown", key, code = key, windowsVirtualKeyCode = keyCode, nativeVirtualKeyCode = keyCode });
        await SendAsync("Input.dispatchKeyEvent", new { type = "keyUp", key, code = key, windowsVirtualKeyCode = keyCode, nativeVirtualKeyCode = keyCode });
    }

    /// <summary>Saves a PNG of the whole page (beyond the viewport) to <paramref name="file"/>.</summary>
    public async Task ScreenshotAsync(string file)
    {
        var metrics = await SendAsync("Page.getLayoutMetrics");
        var size = metrics.GetProperty("cssContentSize");
        var clip = new { x = 0, y = 0, width = size.GetProperty("width").GetDouble(), height = Math.Min(size.GetProperty("height").GetDouble(), 6000), scale = 1 };
        var shot = await SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true, clip });
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException)
        {
        }
        _socket.Abort();
        await _reading.ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _closing.Dispose();
        _sending.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!_closing.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var part = await _socket.ReceiveAsync(buffer, _closing.Token);
                if (part.MessageType == WebSocketMessageType.Close)
                    break;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage)
                    continue;
                using var document = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                Dispatch(document.RootElement);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        foreach (var waiting in _waiting.Values)
            waiting.TrySetException(new InvalidOperationException("the DevTools connection closed"));
    }

    private void Dispatch(JsonElement message)
    {
        if (message.TryGetProperty("id", out var id) && _waiting.TryRemove(id.GetInt32(), out var answer))
        {
            if (message.TryGetProperty("error", out var error))
                answer.TrySetException(new InvalidOperationException($"DevTools error: {error}"));
            else
                answer.TrySetResult(message.GetProperty("result").Clone());
            return;
        }
        if (!message.TryGetProperty("method", out var method))
            return;
        switch (method.GetString())
        {
            case "Runtime.consoleAPICalled":
                Console.Enqueue(string.Join(" ", message.GetProperty("params").GetProperty("args").EnumerateArray()
                    .Select(a => a.TryGetProperty("value", out var v) ? v.ToString() : a.GetProperty("type").GetString())));
                break;
            case "Runtime.exceptionThrown":
                Console.Enqueue("uncaught: " + message.GetProperty("params").GetProperty("exceptionDetails"));
                break;
        }
    }
}
