// Every operation of the follow-up planner, called through openapi-fetch with the types
// openapi-typescript generates from openapi/openapi.json with its default options.
// `tsc --strict --noEmit` on this file is the check: nothing here runs.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

type Schemas = components["schemas"];

const client = createClient<paths>({
  baseUrl: "http://127.0.0.1:8000",
  headers: { Authorization: "Bearer fup_example" },
});

// -- bodies with only the required fields --------------------------------------------------

const minimalPlan: Schemas["PlanRequest"] = {
  candidate: { name: "Ann Lee", email: "ann.lee@example.com" },
  company: "Acme Corp",
  job_title: "Data Engineer",
  interview: { starts_at: "2026-11-24T10:00:00-05:00" },
  contacts: [{ name: "Carol Diaz" }],
};

const minimalEvent: Schemas["EventCreate"] = {
  type: "thank_you_sent",
  at: "2026-11-24T18:00:00-05:00",
};

const minimalCheck: Schemas["MessageCheckRequest"] = {
  kind: "thank_you",
  body: "Hi Carol,\n\nThank you for the conversation today.\n\nBest regards,\nAnn",
};

const minimalPatch: Schemas["InterviewPatch"] = {};

// -- bodies with every field (Required<>: a new request field must be added here) ---------

const window: Schemas["BusinessDayWindowIn"] = { first: 3, last: 5 };

const everyOverride: Required<Schemas["PolicyOverrides"]> = {
  thank_you_within_hours: 24,
  follow_up_after_deadline: window,
  follow_up_without_timeline: { first: 5, last: 7 },
  final_follow_up_after: null,
  escalation: true,
  escalation_after: window,
  move_on_after: 10,
  business_hours_start: "09:00",
  business_hours_end: "17:00",
};

const fullContact: Required<Schemas["ContactIn"]> = {
  name: "Robert Smith",
  email: "bob.smith@acme.example",
  phone: "+1 555 010 0000",
  role: "hiring_manager",
  interviewed: true,
  scheduled_interview: false,
  primary: true,
  timezone: "America/New_York",
  discussion_point: "the migration of the nightly batch jobs to streaming",
  preferred_channel: "email",
  title: "Mr",
  preferred_name: "Bob",
  concerns: [
    "my limited experience with Go",
    { concern: "on-call load", response: "I ran the rota at my last team" } satisfies Required<
      Schemas["ConcernIn"]
    >,
  ],
};

const fullCandidate: Required<Schemas["CandidateIn"]> = {
  name: "Ann Lee",
  preferred_name: "Ann",
  email: "ann.lee@example.com",
  phone: "+1 555 010 0001",
  timezone: "Europe/Berlin",
};

const fullInterview: Required<Schemas["InterviewIn"]> = {
  starts_at: "2026-11-24T10:00:00",
  timezone: "America/New_York",
  duration_minutes: 45,
  format: "video",
};

const fullEvent: Required<Schemas["EventIn"]> = {
  type: "reply_received",
  at: "2026-12-02T11:00:00-05:00",
  contact_email: "bob.smith@acme.example",
  outcome: "update",
  new_deadline: "2026-12-11",
  timeline_text: "by the end of next week",
  note: "Bob called back.",
  return_date: null,
  text: null,
};

const fullPlan: Required<Schemas["PlanRequest"]> = {
  candidate: fullCandidate,
  company: "Acme Corp",
  job_title: "Data Engineer",
  job_family: "engineering",
  interview: fullInterview,
  contacts: [fullContact, { name: "Carol Diaz", role: "recruiter" }],
  decision_timeline: { by: "2026-12-04", text: "by the end of next week" } satisfies Required<
    Schemas["DecisionTimelineIn"]
  >,
  preferred_channel: "email",
  discussion_points: ["the streaming migration"],
  strengths: ["five years of Kafka"],
  concerns_to_address: ["my limited experience with Go"],
  additional_info: ["https://example.com/post"],
  calendar: { country: "US", subdivision: "NY", extra_closed: ["2026-12-24"] } satisfies Required<
    Schemas["CalendarIn"]
  >,
  competing_deadline: {
    date: "2026-12-09",
    company: "Globex",
    top_choice: true,
  } satisfies Required<Schemas["CompetingDeadlineIn"]>,
  formality: "formal",
  language: "de",
  policy: "standard",
  policy_overrides: everyOverride,
  thank_you_sent_at: "2026-11-24T18:00:00-05:00",
  events: [fullEvent],
  as_of: "2026-11-25T09:00:00-05:00",
};

const fullEventCreate: Required<Schemas["EventCreate"]> = { ...fullEvent };

const fullCheck: Required<Schemas["MessageCheckRequest"]> = {
  kind: "follow_up",
  channel: "email",
  subject: "Data Engineer interview",
  body: "Hi Carol,\n\nI wanted to follow up on the Data Engineer role.\n\nBest regards,\nAnn",
  context: {
    candidate_name: "Ann Lee",
    interviewer_name: "Carol Diaz",
    company: "Acme Corp",
    job_title: "Data Engineer",
    interview_date: "2026-11-24",
    interview_id: null,
    as_of: null,
    known_words: ["Kafka"],
  } satisfies Required<Schemas["MessageContext"]>,
  language: "en",
};

// A merge patch may set every field of the stored interview (what a plan request has but
// events and as_of).
const { events: _events, as_of: _asOf, ...everyStoredField } = fullPlan;
const fullPatch: Required<Schemas["InterviewPatch"]> = everyStoredField;

const minimalEndpoint: Schemas["EndpointCreate"] = { url: "https://hooks.example.com/followup" };

const fullEndpoint: Required<Schemas["EndpointCreate"]> = {
  url: "https://hooks.example.com/followup",
  events: ["step.due", "step.overdue", "plan.changed", "interview.closed"],
  description: "Career site",
};

const minimalEndpointPatch: Schemas["EndpointPatch"] = {};

const fullEndpointPatch: Required<Schemas["EndpointPatch"]> = {
  url: "https://hooks.example.com/followup/v2",
  events: null,
  description: null,
  enabled: true,
};

const minimalFeed: Schemas["FeedCreate"] = {};

const fullFeed: Required<Schemas["FeedCreate"]> = {
  interview_id: "0b5c1f4e-2d7a-4a51-9a55-1f0d2c6a7b10",
};

// -- every operation -----------------------------------------------------------------------

export async function everyOperation(): Promise<void> {
  await client.GET("/healthz");
  await client.GET("/readyz");
  await client.GET("/metrics", { parseAs: "text" });
  await client.GET("/v1/policies");
  await client.GET("/v1/languages");
  await client.GET("/v1/rules");

  for (const body of [minimalPlan, fullPlan]) {
    const { data, error } = await client.POST("/v1/plans", { body });
    if (error) {
      const problem: Schemas["Problem"] = error;
      console.log(problem.title, problem.detail);
      continue;
    }
    const status: Schemas["PlanStatus"] = data.status;
    console.log(status, data.steps.length);
  }

  const created = await client.POST("/v1/interviews", {
    params: { header: { "idempotency-key": "create-ann-acme-1" } },
    body: minimalPlan,
  });
  if (!created.data) return;
  await client.POST("/v1/interviews", { body: fullPlan });
  const id = created.data.id;
  // Responses: every field the service always sends is required (not `| undefined`).
  const phone: string | null = created.data.candidate.phone;
  const role: Schemas["ContactRole"] = created.data.contacts[0].role;
  const etag = created.response.headers.get("ETag") ?? "";
  console.log(phone, role);

  const path = { interview_id: id };
  await client.GET("/v1/interviews/{interview_id}", {
    params: { path, query: { as_of: "2026-12-01T09:00:00Z" } },
  });
  await client.PATCH("/v1/interviews/{interview_id}", {
    params: { path, header: { "if-match": etag } },
    body: minimalPatch,
  });
  await client.PATCH("/v1/interviews/{interview_id}", {
    params: { path, header: { "if-match": etag } },
    body: { decision_timeline: { text: "within two weeks" }, job_family: null },
  });
  await client.PATCH("/v1/interviews/{interview_id}", {
    params: { path, header: { "if-match": etag } },
    body: fullPatch,
  });
  await client.POST("/v1/interviews/{interview_id}/events", { params: { path }, body: minimalEvent });
  await client.POST("/v1/interviews/{interview_id}/events", {
    params: { path },
    body: fullEventCreate,
  });
  const plan = await client.GET("/v1/interviews/{interview_id}/plan", { params: { path } });
  const stepId = plan.data?.steps[0]?.id ?? "";
  await client.GET("/v1/interviews/{interview_id}/plan.ics", {
    params: { path },
    parseAs: "text",
  });
  await client.GET("/v1/interviews/{interview_id}/steps/{step_id}/message.eml", {
    params: { path: { interview_id: id, step_id: stepId } },
    parseAs: "text",
  });

  const page = await client.GET("/v1/interviews", {
    params: { query: { status: "active", company: "Acme Corp", limit: 20 } },
  });
  const next: string | null | undefined = page.data?.next_cursor;
  if (next) {
    await client.GET("/v1/interviews", { params: { query: { cursor: next } } });
  }
  await client.GET("/v1/interviews");
  await client.GET("/v1/agenda");
  await client.GET("/v1/agenda", {
    params: { query: { from: "2026-12-01", to: "2026-12-31", limit: 50 } },
  });

  for (const body of [minimalCheck, fullCheck]) {
    const checked = await client.POST("/v1/messages/check", { body });
    console.log(checked.data?.findings.length);
  }

  await client.DELETE("/v1/interviews/{interview_id}", {
    params: { path, header: { "if-match": etag } },
  });
}

export async function webhooksAndFeeds(): Promise<void> {
  await client.POST("/v1/webhook-endpoints", { body: minimalEndpoint });
  const created = await client.POST("/v1/webhook-endpoints", { body: fullEndpoint });
  if (!created.data) return;
  // The secret is shown once, here: keep it to verify each delivery's signature.
  const secret: string = created.data.secret;
  console.log(secret.length);
  const endpoint = { endpoint_id: created.data.id };
  await client.GET("/v1/webhook-endpoints");
  await client.GET("/v1/webhook-endpoints/{endpoint_id}", { params: { path: endpoint } });
  for (const body of [minimalEndpointPatch, fullEndpointPatch]) {
    await client.PATCH("/v1/webhook-endpoints/{endpoint_id}", { params: { path: endpoint }, body });
  }
  await client.POST("/v1/webhook-endpoints/{endpoint_id}/rotate-secret", {
    params: { path: endpoint },
  });
  await client.POST("/v1/webhook-endpoints/{endpoint_id}/test", { params: { path: endpoint } });
  const deliveries = await client.GET("/v1/webhook-endpoints/{endpoint_id}/deliveries", {
    params: { path: endpoint, query: { limit: 20 } },
  });
  const delivery = deliveries.data?.items[0];
  if (delivery) {
    await client.POST("/v1/webhook-endpoints/{endpoint_id}/deliveries/{delivery_id}/retry", {
      params: { path: { ...endpoint, delivery_id: delivery.id } },
    });
  }
  await client.DELETE("/v1/webhook-endpoints/{endpoint_id}", { params: { path: endpoint } });

  await client.POST("/v1/calendar-feeds", { body: minimalFeed });
  const feed = await client.POST("/v1/calendar-feeds", { body: fullFeed });
  const feeds = await client.GET("/v1/calendar-feeds");
  console.log(feeds.data?.items.length, feed.data?.webcal_url);
  const token = feed.data?.url.split("/feeds/")[1]?.replace(/\.ics$/, "") ?? "";
  await client.GET("/feeds/{token}.ics", { params: { path: { token } }, parseAs: "text" });
  if (feed.data) {
    await client.DELETE("/v1/calendar-feeds/{feed_id}", {
      params: { path: { feed_id: feed.data.id } },
    });
  }
}
