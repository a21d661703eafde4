namespace Grains.Tests.Caching;

/// <summary>
/// The semantic cache's pair set: paraphrases that must reuse each other's answer, and near misses that read
/// alike but ask something else (negation, numbers, named entities, opposite verbs, who does what to whom), which
/// must never be served each other's answer, whatever their similarity. `client bench cache` measures the same set.
/// </summary>
public static class SemanticPairs
{
    public static readonly (string Stored, string Asked)[] Paraphrases =
    [
        ("How do I reset my password?", "How can I reset my password?"),
        ("What is the capital of France?", "what's the capital of france"),
        ("Explain how the TCP handshake works.", "Can you explain how TCP handshakes work?"),
        ("How do I sort a list in Python?", "In Python, how do I sort a list?"),
        ("Give me a recipe for banana bread.", "Please give me a banana bread recipe."),
        ("What are the benefits of unit testing?", "What are the benefits of unit tests?"),
        ("Summarize the plot of Hamlet.", "Please summarize the plot of Hamlet"),
        ("How do I install Docker on Ubuntu?", "how to install docker on ubuntu"),
        ("What is the difference between TCP and UDP?", "What's the difference between UDP and TCP?"),
        ("Why doesn't my build work?", "Why does my build not work?"),
        ("Give me 5 tips for better sleep.", "Give me five tips for better sleep"),
        ("Translate 'good morning' into Spanish.", "Translate good morning into Spanish, please."),
        ("What are the causes of inflation?", "What causes inflation?"),
        ("How do I center a div in CSS?", "How can I center a div with CSS?"),
        ("Write a haiku about autumn leaves.", "Write me a haiku about autumn leaves"),
        ("How many bones are in the human body?", "How many bones does the human body have?"),
        ("What is the weather in Paris today?", "Paris weather today"),
        ("Why can't I log in to my account?", "Why cannot I log in to my account?"),
    ];

    public static readonly (string Stored, string Asked, string Kind)[] NearMisses =
    [
        ("Why is my code compiling?", "Why is my code not compiling?", "negation"),
        ("Which foods should I eat during pregnancy?", "Which foods should I not eat during pregnancy?", "negation"),
        ("Can I use Git without GitHub?", "Can I use Git with GitHub?", "negation"),
        ("Why isn't my printer working?", "Why is my printer working?", "negation"),
        ("What is 15% of 80?", "What is 15% of 90?", "numbers"),
        ("Give me 5 tips for better sleep.", "Give me 10 tips for better sleep.", "numbers"),
        ("What happened in 1989?", "What happened in 1991?", "numbers"),
        ("Is 17 a prime number?", "Is 27 a prime number?", "numbers"),
        ("What is the capital of France?", "What is the capital of Spain?", "named entities"),
        ("How do I install Docker on Ubuntu?", "How do I install Docker on Fedora?", "named entities"),
        ("Who wrote War and Peace?", "Who wrote Crime and Punishment?", "named entities"),
        ("How do I turn on dark mode?", "How do I turn off dark mode?", "opposites"),
        ("How do I enable two-factor authentication?", "How do I disable two-factor authentication?", "opposites"),
        ("How do I encrypt a file with GPG?", "How do I decrypt a file with GPG?", "opposites"),
        ("How do I increase the font size?", "How do I decrease the font size?", "opposites"),
        ("How do I lock my screen?", "How do I unlock my screen?", "opposites"),
        ("How do I compress a folder?", "How do I decompress a folder?", "opposites"),
        ("How do I create a branch in Git?", "How do I delete a branch in Git?", "opposites"),
        ("Should I buy Tesla stock now?", "Should I sell Tesla stock now?", "opposites"),
        ("Did the Yankees beat the Red Sox?", "Did the Red Sox beat the Yankees?", "who does what"),
        ("Convert 100 Celsius to Fahrenheit.", "Convert 100 Fahrenheit to Celsius.", "who does what"),
        ("Does Alice owe Bob money?", "Does Bob owe Alice money?", "who does what"),
        ("Translate this from English to French.", "Translate this from French to English.", "who does what"),
        ("Is a dog bigger than a cat?", "Is a cat bigger than a dog?", "who does what"),
        ("How do I convert a string to an int in Java?", "How do I convert an int to a string in Java?", "who does what"),
    ];

    public static TheoryData<string, string> ParaphraseData => [.. Paraphrases.Select(p => (p.Stored, p.Asked))];

    public static TheoryData<string, string, string> NearMissData => [.. NearMisses];
}
