namespace DogGan.Contracts.Events;

/// <summary>A user put a tag on a run (<c>host tag RUN NAME</c>), e.g. to group runs for a compare.</summary>
/// <param name="Tag">The tag: letters, digits, '.', '_' or '-', at most 64 characters.</param>
public sealed record RunTagged(string Tag);
