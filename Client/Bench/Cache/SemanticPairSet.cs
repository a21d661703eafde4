namespace Client.Bench.Cache;

/// <summary>
/// The semantic cache's pair set: paraphrases that should reuse each other's answer, and near misses (negation,
/// numbers, named entities, opposite verbs, who does what) that must never be served each other's answer. The cache
/// tests (tests/Grains.Tests/Caching) compile this same file, so the bench and the tests cannot drift apart. The guard
/// and the vectorizer were tuned on that set; the held-out pairs below were written without looking at the results,
/// to show how it generalizes.
/// </summary>
internal static class SemanticPairSet
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

    public static readonly (string Stored, string Asked)[] HeldOutParaphrases =
    [
        ("How do I undo my last git commit?", "How can I undo the last git commit?"),
        ("What is the boiling point of water?", "what's the boiling point of water"),
        ("Explain recursion to a beginner.", "Can you explain recursion to a beginner?"),
        ("How do I make a cup of green tea?", "How should I make a cup of green tea?"),
        ("List the planets in the solar system.", "Please list the planets of the solar system."),
        ("What are good exercises for lower back pain?", "What are some good exercises for lower back pain?"),
        ("How do I merge two dictionaries in Python?", "In Python, how do I merge two dictionaries?"),
        ("Why is the sky blue?", "why is the sky blue"),
        ("Recommend a book about habits.", "Can you recommend a book about habits?"),
        ("How long should I boil an egg?", "How long do I need to boil an egg?"),
        ("What does HTTP 404 mean?", "What does an HTTP 404 mean?"),
        ("Give me three ideas for a birthday party.", "Give me 3 ideas for a birthday party"),
    ];

    public static readonly (string Stored, string Asked, string Kind)[] HeldOutNearMisses =
    [
        ("How do I enable notifications on iPhone?", "How do I disable notifications on iPhone?", "opposites"),
        ("Is coffee good for your health?", "Is coffee bad for your health?", "opposites"),
        ("What is the population of Canada?", "What is the population of Australia?", "named entities"),
        ("Convert 5 miles to kilometers.", "Convert 5 kilometers to miles.", "who does what"),
        ("Why can't dogs eat grapes?", "Why can dogs eat grapes?", "negation"),
        ("What year did World War 2 end?", "What year did World War 1 end?", "numbers"),
        ("How do I upload a file to S3?", "How do I download a file from S3?", "opposites"),
        ("Does Microsoft own GitHub?", "Does GitHub own Microsoft?", "who does what"),
        ("Show me flights from Boston to Denver.", "Show me flights from Denver to Boston.", "who does what"),
        ("How many calories are in 100 grams of rice?", "How many calories are in 200 grams of rice?", "numbers"),
        ("How do I start a Docker container?", "How do I stop a Docker container?", "opposites"),
        ("Is it safe to drink tap water in Mexico?", "Is it safe to drink tap water in Spain?", "named entities"),
    ];
}
