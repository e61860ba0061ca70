from rest_framework import serializers

from attest.core.api.fields import RestrictedPrimaryKeyRelatedField
from attest.rbac.roles import GlobalRole, TeamRole

from ..models import Team, User


class UserSerializer(serializers.ModelSerializer):
    password = serializers.CharField(write_only=True, required=False, style={"input_type": "password"})
    role = serializers.ChoiceField(choices=GlobalRole.choices, default=GlobalRole.MEMBER)

    class Meta:
        model = User
        fields = ["id", "username", "email", "first_name", "last_name", "role", "is_active", "password", "date_joined"]
        read_only_fields = ["date_joined"]
        extra_kwargs = {"username": {"validators": []}}

    def validate(self, attrs):
        if self.instance is None and not attrs.get("password"):
            raise serializers.ValidationError({"password": "A new user needs a password."})
        if self.instance is not None and ("username" in attrs or "password" in attrs):
            raise serializers.ValidationError({"username": "Username and password cannot be changed here."})
        return attrs


class TeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "name", "description", "created_at"]
        read_only_fields = ["created_at"]
        extra_kwargs = {"name": {"validators": []}}


class TeamMemberSerializer(serializers.Serializer):
    user = RestrictedPrimaryKeyRelatedField(model=User, action="invite")
    username = serializers.CharField(source="user.username", read_only=True)
    role = serializers.ChoiceField(choices=TeamRole.choices)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})
    name = serializers.CharField(required=False, allow_blank=True, max_length=100)


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()
