using System.Net;
using System.Text;
using Epy.Testing;

namespace Epy.Stages.Tests.ForecastRepo;

/// <summary>An <see cref="HttpListener"/> on http://127.0.0.1:{free port}/ handing each request to a handler; a handler's exception answers 500.</summary>
public sealed class LoopbackListener : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, Task> _handle;
    private readonly Task _loop;

    public LoopbackListener(Func<HttpListenerContext, Task> handle)
    {
        _handle = handle;
        _listener = LoopbackHttp.Start(out var baseUri);
        BaseUri = baseUri;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseUri { get; }

    public void Dispose()
    {
        LoopbackHttp.CloseQuietly(_listener);
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            await _handle(context);
        }
        catch (Exception e)
        {
            context.Response.StatusCode = 500;
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(e.ToString()));
        }
        finally
        {
            try
            {
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // The client left: nobody is listening for this answer.
            }
        }
    }
}
