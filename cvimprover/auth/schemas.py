"""Marshmallow schemas for sign-up and tokens."""

from marshmallow import Schema, fields, validate

from cvimprover.api.schemas import UTCDateTime


class RegisterSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=255))
    password = fields.String(
        required=True, load_only=True, validate=validate.Length(min=8, max=128)
    )
    name = fields.String(required=True, validate=validate.Length(min=1, max=255))


class CredentialsSchema(Schema):
    email = fields.Email(required=True)
    password = fields.String(required=True, load_only=True)


class UserSchema(Schema):
    id = fields.Integer(dump_only=True)
    email = fields.Email()
    name = fields.String()
    plan = fields.String()
    created_at = UTCDateTime()


class TokenSchema(Schema):
    token = fields.String(metadata={"description": "Send as `Authorization: Bearer <token>`."})


class RegisteredSchema(TokenSchema):
    user = fields.Nested(UserSchema)
