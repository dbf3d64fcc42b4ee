using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace CulturaLite.Api.Web;

/// <summary>Every GET action also answers HEAD, as Django's views do.</summary>
public sealed class HeadForGetConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        foreach (var selector in action.Selectors)
        {
            for (var i = 0; i < selector.ActionConstraints.Count; i++)
            {
                if (selector.ActionConstraints[i] is HttpMethodActionConstraint constraint
                    && constraint.HttpMethods.Contains(HttpMethods.Get)
                    && !constraint.HttpMethods.Contains(HttpMethods.Head))
                {
                    selector.ActionConstraints[i] = new HttpMethodActionConstraint([.. constraint.HttpMethods, HttpMethods.Head]);
                }
            }
            for (var i = 0; i < selector.EndpointMetadata.Count; i++)
            {
                if (selector.EndpointMetadata[i] is IHttpMethodMetadata metadata
                    && metadata.HttpMethods.Contains(HttpMethods.Get)
                    && !metadata.HttpMethods.Contains(HttpMethods.Head))
                {
                    selector.EndpointMetadata[i] = new HttpMethodMetadata([.. metadata.HttpMethods, HttpMethods.Head], metadata.AcceptCorsPreflight);
                }
            }
        }
    }
}
