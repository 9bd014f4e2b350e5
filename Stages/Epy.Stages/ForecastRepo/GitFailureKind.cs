namespace Epy.Stages.ForecastRepo;

/// <summary>Why a git command failed, as far as its message tells.</summary>
public enum GitFailureKind
{
    /// <summary>Nothing recognised: treated as transient.</summary>
    Unknown,

    /// <summary>The branch, tag or commit is not in the repository.</summary>
    RefNotFound,

    /// <summary>The repository does not exist, or the token cannot see it.</summary>
    RepositoryNotFound,

    /// <summary>The server refused the credentials, or asked for some and none were given.</summary>
    AccessDenied,

    /// <summary>The network or the server failed: worth retrying.</summary>
    Network,
}
