namespace Epy.Deployment.Tests.Terraform;

/// <summary>Batch events: the topic, the authenticated push to the service, retries and dead letters.</summary>
public sealed class PubSubTests
{
    private static readonly TerraformConfig Tf = TerraformConfig.Current;

    private static TerraformBlock Push() =>
        Tf.OfType("google_pubsub_subscription").Single(subscription => subscription.Blocks("push_config").Count > 0);

    private static TerraformBlock TopicOf(TerraformBlock subscription) =>
        Tf.OfType("google_pubsub_topic").Single(topic => subscription.Text("topic") == $"${{{topic.Ref("id")}}}");

    [Fact]
    public void PushSubscription_CallsTheServicesBatchEventsRoute()
    {
        var endpoint = Hcl.Text(Push().Block("push_config")["push_endpoint"])!;
        var routes = OrchestratorSettings.Routes(TestEnvironment.Sample());

        endpoint.ShouldStartWith(Expected.ServiceUri);
        var path = endpoint[Expected.ServiceUri.Length..];
        path.ShouldBe("/v1/events/batch");
        routes.ShouldContain(("POST", path));
    }

    [Fact]
    public void PushSubscription_SignsWithThePushInvoker_ForTheAudienceTheServiceChecks()
    {
        var oidc = Hcl.Block(Push().Block("push_config"), "oidc_token");
        var env = Tf.LocalObject("orchestrator_env");
        var service = Tf.Resource("google_cloud_run_v2_service", "orchestrator");

        Hcl.Text(oidc["service_account_email"]).ShouldBe($"${{{Expected.Accounts.PushInvoker}.email}}");
        var audience = Hcl.Text(oidc["audience"]);
        Hcl.Text(env["Push__Audience"]).ShouldBe(audience);
        Hcl.Text(env["Push__VerifyTokens"]).ShouldBe("true");
        Hcl.Strings(service.Body["custom_audiences"]).ShouldContain(audience);
        env.Where(pair => pair.Key.StartsWith("Push__AllowedEmails__", StringComparison.Ordinal)).Select(pair => Hcl.Text(pair.Value))
            .ShouldBe([$"${{{Expected.Accounts.PushInvoker}.email}}"], "only the push account may push");
        env.Where(pair => pair.Key.StartsWith("Api__Audiences__", StringComparison.Ordinal)).Select(pair => Hcl.Text(pair.Value))
            .ShouldNotContain(audience, "the push token must not pass on the API");
    }

    [Fact]
    public void PushSubscription_ListensToTheTopicTheServiceNamesToBatch()
    {
        var topic = TopicOf(Push());

        Hcl.Text(Tf.LocalObject("orchestrator_env")["Batch__NotificationTopic"]).ShouldBe($"${{{topic.Ref("id")}}}");
    }

    [Fact]
    public void PushSubscription_Retries_ThenDeadLetters_AfterAtLeastFiveAttempts()
    {
        var push = Push();
        var retry = push.Block("retry_policy");
        var deadLetter = push.Block("dead_letter_policy");

        push.Text("ack_deadline_seconds").ShouldNotBeNullOrEmpty();
        Hcl.Text(retry["minimum_backoff"]).ShouldNotBeNullOrEmpty();
        Hcl.Text(retry["maximum_backoff"]).ShouldNotBeNullOrEmpty();
        var attempts = Hcl.Text(deadLetter["max_delivery_attempts"])!;
        attempts.ShouldBe("${var.push_max_delivery_attempts}");
        var variable = Tf.Variables["push_max_delivery_attempts"];
        variable["default"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(5);
        Hcl.Text(Hcl.Blocks(variable, "validation").Single()["condition"])!.ShouldContain("var.push_max_delivery_attempts >= 5");
        var deadLetterTopic = Hcl.Text(deadLetter["dead_letter_topic"]);
        deadLetterTopic.ShouldNotBe(push.Text("topic"));
        Tf.OfType("google_pubsub_topic").Select(topic => $"${{{topic.Ref("id")}}}").ShouldContain(deadLetterTopic);
    }

    [Fact]
    public void DeadLetterTopic_HasItsOwnSubscription()
    {
        var deadLetterTopic = Hcl.Text(Push().Block("dead_letter_policy")["dead_letter_topic"]);

        Tf.OfType("google_pubsub_subscription").Where(subscription => subscription.Text("topic") == deadLetterTopic).ShouldHaveSingleItem();
    }

    [Fact]
    public void PubSubServiceAgent_PublishesDeadLetters_AndAcknowledgesThePushSubscription()
    {
        var push = Push();
        var deadLetterTopic = Tf.OfType("google_pubsub_topic").Single(topic => $"${{{topic.Ref("id")}}}" == Hcl.Text(push.Block("dead_letter_policy")["dead_letter_topic"]));
        Hcl.Text(Tf.Locals["pubsub_service_agent"]).ShouldBe("serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com");

        Tf.OfType("google_pubsub_topic_iam_member").ShouldContain(grant =>
            grant.Text("topic") == $"${{{deadLetterTopic.Ref("name")}}}" && grant.Text("role") == "roles/pubsub.publisher" && grant.Text("member") == "${local.pubsub_service_agent}");
        Tf.OfType("google_pubsub_subscription_iam_member").ShouldContain(grant =>
            grant.Text("subscription") == $"${{{push.Ref("name")}}}" && grant.Text("role") == "roles/pubsub.subscriber" && grant.Text("member") == "${local.pubsub_service_agent}");
    }

    [Fact]
    public void Subscriptions_NeverExpire()
    {
        foreach (var subscription in Tf.OfType("google_pubsub_subscription"))
            Hcl.Text(subscription.Block("expiration_policy")["ttl"]).ShouldBe("", subscription.Address);
    }
}
