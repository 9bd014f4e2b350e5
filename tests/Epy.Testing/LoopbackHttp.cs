using System.Net;
using System.Net.Sockets;

namespace Epy.Testing;

/// <summary>
/// The tests' own HTTP servers (<see cref="HttpListener"/>) on a free port of 127.0.0.1. A free port can be
/// taken by another test between the probe and the bind, and the managed listener looks its endpoint up again
/// on close (binding it anew, which throws "Address already in use" once someone else has the port): starting
/// tries other ports, closing is quiet.
/// </summary>
public static class LoopbackHttp
{
    /// <summary>A started listener on <c>http://127.0.0.1:{free port}/</c>, whose address is <paramref name="baseUri"/>.</summary>
    public static HttpListener Start(out Uri baseUri)
    {
        for (var attempt = 1; ; attempt++)
        {
            baseUri = new Uri($"http://127.0.0.1:{FreePort()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(baseUri.AbsoluteUri);
            try
            {
                listener.Start();
                return listener;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                CloseQuietly(listener);
            }
        }
    }

    /// <summary>Stops and closes <paramref name="listener"/>; closing is cleanup, so a failure to re-bind is ignored.</summary>
    public static void CloseQuietly(HttpListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        try
        {
            if (listener.IsListening)
                listener.Stop();
            listener.Close();
        }
        catch (HttpListenerException)
        {
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
