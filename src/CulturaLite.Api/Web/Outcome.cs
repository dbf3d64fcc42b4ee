using Microsoft.AspNetCore.Mvc;

namespace CulturaLite.Api.Web;

/// <summary>Why a domain operation did not happen; each has one HTTP status (<see cref="Outcome{T}.ToProblem"/>).</summary>
public enum Failure
{
    /// <summary>It happened.</summary>
    None,

    /// <summary>The input breaks a rule: 400 with field errors.</summary>
    Invalid,

    /// <summary>The target does not exist (or is not the caller's): 404.</summary>
    NotFound,

    /// <summary>The target's state forbids it (in use, already decided, changed meanwhile): 409.</summary>
    Conflict,
}

/// <summary>
/// The one convention for "a domain operation succeeded with this value, or failed for this reason",
/// used by every service that the admin API and the console share. The reason is a sentence for people
/// (the API's `detail`, the console's message); `Code` tells conflicts apart where callers must (bulk
/// outcomes, a stale version answered with the current event).
/// </summary>
public sealed record Outcome<T>
{
    private Outcome(Failure failure, T? value, FieldErrors? errors, string? reason, string? code)
    {
        Failure = failure;
        Value = value;
        Errors = errors ?? new FieldErrors();
        Reason = reason ?? "";
        Code = code ?? "";
    }

    public Failure Failure { get; }
    public T? Value { get; }
    public FieldErrors Errors { get; }
    public string Reason { get; }
    public string Code { get; }

    public bool Succeeded => Failure == Failure.None;

    public static Outcome<T> Done(T value) => new(Failure.None, value, null, null, null);

    public static Outcome<T> Invalid(FieldErrors errors) => new(Failure.Invalid, default, errors, "Invalid input.", null);

    public static Outcome<T> NotFound(string reason) => new(Failure.NotFound, default, null, reason, "not_found");

    /// <param name="code">Which conflict, for callers that answer them differently.</param>
    /// <param name="reason">The sentence people read.</param>
    /// <param name="value">What stands in the way (the current event of a stale decision ...), when useful.</param>
    public static Outcome<T> Conflict(string code, string reason, T? value = default) => new(Failure.Conflict, value, null, reason, code);

    /// <summary>What a person reads about a failure: the field errors' messages, or the reason.</summary>
    public string Sentence => Failure == Failure.Invalid ? string.Join(" ", Errors.ToDictionary().SelectMany(kv => kv.Value)) : Reason;

    /// <summary>The failure as problem+json: the one translation of outcomes to HTTP.</summary>
    /// <param name="extra">A member the client needs to act on a conflict (the current `event` ...).</param>
    public ObjectResult ToProblem((string Name, object Value)? extra = null) => Failure switch
    {
        Failure.Invalid => Errors.ToProblem(),
        Failure.NotFound => ProblemConventions.NotFound(Reason),
        Failure.Conflict when extra is { } member => ProblemConventions.Conflict(Reason, member),
        Failure.Conflict => ProblemConventions.Conflict(Reason),
        _ => throw new InvalidOperationException("A successful outcome is not a problem."),
    };

    /// <summary>The value, or null with the sentence a person reads about the failure: `var (image, problem) = ...`.</summary>
    public void Deconstruct(out T? value, out string? problem)
    {
        value = Value;
        problem = Succeeded ? null : Sentence;
    }

    /// <summary>Success as what <paramref name="success"/> makes of the value, any failure as its problem.</summary>
    public IActionResult ToResult(Func<T, IActionResult> success) => Succeeded ? success(Value!) : ToProblem();
}
