namespace DogGan.Contracts.Events;

/// <summary>A user wrote a note on a run (<c>host note RUN "text"</c>); notes accumulate in order.</summary>
/// <param name="Text">The note as given, one or more lines.</param>
public sealed record RunNoteAdded(string Text);
