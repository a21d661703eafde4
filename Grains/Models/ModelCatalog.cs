using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Grains.Models.Configuration;
using Grains.Models.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace Grains.Models;

/// <summary>
/// The configured models (section <c>Models</c>), checked at start, and one <see cref="IChatClient"/> per model,
/// created on first use and then shared.
/// </summary>
public sealed class ModelCatalog
{
    public const string Section = "Models";

    private readonly IReadOnlyDictionary<string, ModelOptions> _models;
    private readonly IReadOnlyDictionary<string, string> _ids;
    private readonly IReadOnlyDictionary<string, IModelProvider> _providers;
    private readonly ConcurrentDictionary<string, Lazy<IChatClient>> _clients = new(StringComparer.OrdinalIgnoreCase);

    public ModelCatalog(IConfiguration configuration, IEnumerable<IModelProvider> providers)
    {
        _providers = providers.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var models = new Dictionary<string, ModelOptions>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in configuration.GetSection(Section).GetChildren())
        {
            var options = new ModelOptions();
            section.Bind(options);
            Validate(section.Key, options);
            models[section.Key] = options;
        }
        foreach (var (id, options) in models)
        {
            var unknown = options.Fallbacks.FirstOrDefault(f => !models.ContainsKey(f));
            if (unknown is not null)
            {
                throw new InvalidOperationException($"Models:{id}:Fallbacks names '{unknown}', which is not a configured model.");
            }
        }
        _models = models;
        _ids = models.Keys.ToDictionary(id => id, StringComparer.OrdinalIgnoreCase);
    }

    public IEnumerable<string> Ids => _models.Keys.Order(StringComparer.Ordinal);

    public bool Contains(string id) => _models.ContainsKey(id);

    /// <summary>
    /// The model's id as configured, for an id in any case. Everything downstream of routing uses it: one model
    /// grain (one budget) per model however requests spell it, and the same string instance for every call, which
    /// the metrics collector finds its series by.
    /// </summary>
    public string IdOf(string id) => _ids.TryGetValue(id, out var configured) ? configured : throw new UnknownModelException(id, Ids);

    public ModelOptions Get(string id) =>
        _models.TryGetValue(id, out var options) ? options : throw new UnknownModelException(id, Ids);

    public IChatClient GetClient(string id) =>
        _clients.GetOrAdd(id, key => new Lazy<IChatClient>(() => _providers[Get(key).Provider].CreateClient(key, Get(key)))).Value;

    private void Validate(string id, ModelOptions options)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
            | !Validator.TryValidateObject(options.Budget, new ValidationContext(options.Budget), results, validateAllProperties: true)
            | !Validator.TryValidateObject(options.Circuit, new ValidationContext(options.Circuit), results, validateAllProperties: true))
        {
            throw new InvalidOperationException($"Models:{id} is invalid: {string.Join("; ", results.Select(r => r.ErrorMessage))}");
        }
        if (!_providers.ContainsKey(options.Provider))
        {
            throw new InvalidOperationException(
                $"Models:{id}:Provider is '{options.Provider}'; known providers are {string.Join(", ", _providers.Keys.Order())}.");
        }
    }
}
