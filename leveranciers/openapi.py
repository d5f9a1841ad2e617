"""The OpenAPI 3 description of the vendor API, served at /api/v1/openapi.json (validated in the tests)."""

from .models import STATUS_CONCEPT, STATUS_INZENDBAAR

FOUTEN = {
    "description": "Errors: one entry per problem.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}},
}
JSON_BODY = lambda schema: {  # noqa: E731
    "required": True,
    "content": {
        "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}},
        "application/ld+json": {"schema": {"$ref": f"#/components/schemas/{schema}"}},
    },
}
TE_VEEL = {
    "description": "Too many requests for this vendor; wait the number of seconds in Retry-After.",
    "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}},
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}},
}
STATUS_GET = {
    "parameters": [
        {"$ref": "#/components/parameters/VendorUri"},
        {"$ref": "#/components/parameters/VendorKey"},
    ],
    "responses": {
        "200": {
            "description": "The processing and the status of the melding.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}},
        },
        "401": {**FOUTEN, "description": "Headers missing, unknown vendor or wrong key."},
        "404": {**FOUTEN, "description": "No such job or submission of this vendor."},
        "429": TE_VEEL,
    },
}


def document(server_url="/"):
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Loket voor Lokale Besturen – automatische meldingen (vendor API)",
            "version": "1.0.0",
            "description": (
                "Software vendors post a melding when a bestuur publishes a decision. The contract is the one of "
                "lblod's automatic-submission-service (POST /melding), so existing vendors can switch; the status "
                "of a job or a submission can be read with the vendor's key. Documentation (Dutch): "
                "/leveranciers/handleiding/."
            ),
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/melding": {
                "post": {
                    "operationId": "postMelding",
                    "summary": "Post a melding for a published decision",
                    "requestBody": JSON_BODY("Melding"),
                    "responses": {
                        "201": {
                            "description": "Registered; the page is downloaded and processed in the background.",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Created"}}
                            },
                        },
                        "400": {
                            **FOUTEN,
                            "description": "Wrong Content-Type, not a JSON object, or a property "
                            "missing or invalid (one error per property).",
                        },
                        "401": {
                            **FOUTEN,
                            "description": "Unknown vendor, wrong key, or the vendor may not act "
                            "for this organization.",
                        },
                        "409": {**FOUTEN, "description": "This submittedResource was already submitted."},
                        "413": {**FOUTEN, "description": "The body is too large."},
                        "429": TE_VEEL,
                    },
                }
            },
            "/delete-melding": {
                "post": {
                    "operationId": "deleteMelding",
                    "summary": "Remove a melding that is not sent",
                    "requestBody": JSON_BODY("Delete"),
                    "responses": {
                        "200": {
                            "description": "Removed.",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        "400": FOUTEN,
                        "401": FOUTEN,
                        "404": {**FOUTEN, "description": "Unknown submission."},
                        "409": {**FOUTEN, "description": "Already sent: cannot be removed."},
                        "429": TE_VEEL,
                    },
                }
            },
            "/api/v1/jobs/{job_id}": {
                "get": {
                    "operationId": "getJob",
                    "summary": "The processing job of a melding",
                    **STATUS_GET,
                    "parameters": [
                        {
                            "name": "job_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "format": "uuid"},
                        },
                        *STATUS_GET["parameters"],
                    ],
                }
            },
            "/api/v1/submissions/{submission_id}": {
                "get": {
                    "operationId": "getSubmission",
                    "summary": "The status of a submission",
                    **STATUS_GET,
                    "parameters": [
                        {
                            "name": "submission_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "format": "uuid"},
                        },
                        *STATUS_GET["parameters"],
                    ],
                }
            },
        },
        "components": {
            "parameters": {
                "VendorUri": {
                    "name": "X-Vendor-Uri",
                    "in": "header",
                    "required": True,
                    "schema": {"type": "string"},
                },
                "VendorKey": {
                    "name": "X-Vendor-Key",
                    "in": "header",
                    "required": True,
                    "schema": {"type": "string"},
                },
            },
            "schemas": {
                "Publisher": {
                    "type": "object",
                    "required": ["uri", "key"],
                    "properties": {"uri": {"type": "string", "format": "uri"}, "key": {"type": "string"}},
                },
                "Melding": {
                    "type": "object",
                    "required": ["href", "submittedResource", "organization", "publisher"],
                    "properties": {
                        "@context": {"description": "Optional JSON-LD context."},
                        "@id": {"type": "string", "format": "uri", "description": "Optional submission URI."},
                        "href": {"type": "string", "format": "uri", "description": "The published page."},
                        "submittedResource": {
                            "type": "string",
                            "format": "uri",
                            "description": "The decision's URI; the duplicate key.",
                        },
                        "organization": {
                            "type": "string",
                            "format": "uri",
                            "description": "The bestuur's URI.",
                        },
                        "publisher": {"$ref": "#/components/schemas/Publisher"},
                        "status": {
                            "type": "string",
                            "enum": [STATUS_CONCEPT, STATUS_INZENDBAAR],
                            "default": STATUS_CONCEPT,
                        },
                    },
                },
                "Delete": {
                    "type": "object",
                    "required": ["submission", "organization", "publisher"],
                    "properties": {
                        "submission": {"type": "string", "format": "uri"},
                        "organization": {"type": "string", "format": "uri"},
                        "publisher": {"$ref": "#/components/schemas/Publisher"},
                    },
                },
                "Created": {
                    "type": "object",
                    "required": ["submission", "job", "uri"],
                    "properties": {
                        "submission": {"type": "string", "format": "uri"},
                        "job": {"type": "string", "format": "uri"},
                        "uri": {
                            "type": "string",
                            "format": "uri",
                            "description": "= submission (old clients).",
                        },
                        "links": {
                            "type": "object",
                            "properties": {"job": {"type": "string"}, "submission": {"type": "string"}},
                        },
                    },
                },
                "Message": {
                    "type": "object",
                    "nullable": True,
                    "properties": {"nl": {"type": "string"}, "en": {"type": "string"}},
                },
                "Job": {
                    "type": "object",
                    "properties": {
                        "job": {"type": "string"},
                        "submission": {"type": "string"},
                        "submittedResource": {"type": "string"},
                        "href": {"type": "string"},
                        "organization": {"type": "string"},
                        "status": {
                            "type": "string",
                            "enum": ["concept", "verstuurd", "mislukt", "verwijderd"],
                        },
                        "jobStatus": {"type": "string", "enum": ["busy", "success", "failed"]},
                        "sentDate": {"type": "string", "format": "date-time", "nullable": True},
                        "tasks": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "index": {"type": "integer"},
                                    "operation": {
                                        "type": "string",
                                        "enum": ["register", "download", "import", "validate"],
                                    },
                                    "label": {"type": "string"},
                                    "status": {
                                        "type": "string",
                                        "enum": ["scheduled", "busy", "success", "failed"],
                                    },
                                    "attempts": {"type": "integer"},
                                    "started": {"type": "string", "format": "date-time", "nullable": True},
                                    "ended": {"type": "string", "format": "date-time", "nullable": True},
                                    "error": {"$ref": "#/components/schemas/Message"},
                                },
                            },
                        },
                        "error": {"$ref": "#/components/schemas/Message"},
                        "validationErrors": {
                            "type": "object",
                            "additionalProperties": {"type": "array", "items": {"type": "string"}},
                        },
                        "created": {"type": "string", "format": "date-time"},
                        "modified": {"type": "string", "format": "date-time"},
                        "links": {"type": "object"},
                    },
                },
                "Errors": {
                    "type": "object",
                    "required": ["errors"],
                    "properties": {
                        "errors": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["title"],
                                "properties": {"title": {"type": "string"}},
                            },
                        }
                    },
                },
            },
        },
    }
