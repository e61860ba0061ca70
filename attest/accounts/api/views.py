from django.contrib.auth import authenticate
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from attest.core.api.viewsets import RestrictedModelViewSet

from .. import services
from ..models import Team, TeamRoleGroup, User
from ..throttling import forget_failures
from .serializers import TeamMemberSerializer, TeamSerializer, TokenRequestSerializer, TokenResponseSerializer, UserSerializer


class LoginThrottle(AnonRateThrottle):
    rate = "20/min"


class TokenView(APIView):
    """Exchange a username and password for an API token (shown once)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [LoginThrottle]

    def get_authenticate_header(self, request):
        return "Token"  # so a failed login is a 401, not a 403

    @extend_schema(request=TokenRequestSerializer, responses={201: TokenResponseSerializer})
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # Django's own request, so axes counts the failure and flags a lockout where its
        # middleware sees it (the answer then becomes 429 with a message; see accounts.throttling).
        user = authenticate(request._request, username=serializer.validated_data["username"],
                            password=serializer.validated_data["password"])
        if user is None or not user.is_active:
            raise AuthenticationFailed("Wrong username or password.")
        forget_failures(request._request, serializer.validated_data["username"])
        token, key = services.issue_token(actor=user, user=user, name=serializer.validated_data.get("name", "api"))
        return Response({"token": key, "expires_at": token.expires_at}, status=status.HTTP_201_CREATED)


class UserViewSet(RestrictedModelViewSet):
    """People. Everyone sees themselves and their teammates; administrators manage accounts."""

    queryset = User.objects.all()
    serializer_class = UserSerializer
    filterset_fields = ["role", "is_active"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        is_active = data.pop("is_active", True)  # create_user() makes active users only
        with transaction.atomic():
            user = services.create_user(actor=self.request.user, **data)
            if not is_active:
                user = services.update_user(actor=self.request.user, user=user, is_active=False)
        serializer.instance = user

    def perform_update(self, serializer):
        serializer.instance = services.update_user(
            actor=self.request.user, user=serializer.instance, **serializer.validated_data
        )


class TeamViewSet(RestrictedModelViewSet):
    queryset = Team.objects.all()
    serializer_class = TeamSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options", "delete"]

    def perform_create(self, serializer):
        serializer.instance = services.create_team(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.update_team(
            actor=self.request.user, team=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.delete_team(actor=self.request.user, team=instance)

    @extend_schema(methods=["GET"], responses=TeamMemberSerializer(many=True))
    @extend_schema(methods=["POST"], request=TeamMemberSerializer, responses={201: TeamMemberSerializer(many=True)})
    @action(detail=True, methods=["get", "post"], serializer_class=TeamMemberSerializer, pagination_class=None)
    def members(self, request, pk=None):
        """Members and their roles (GET); add a member or change a role (POST ``user``, ``role``)."""
        if request.method == "POST":
            team = self.get_object_for("manage")
            serializer = TeamMemberSerializer(data=request.data, context=self.get_serializer_context())
            serializer.is_valid(raise_exception=True)
            services.set_team_member(actor=request.user, team=team, user=serializer.validated_data["user"],
                                     role=serializer.validated_data["role"])
            return Response(self._members(team), status=status.HTTP_201_CREATED)
        return Response(self._members(self.get_object()))

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"members/(?P<user_id>\d+)")
    def remove_member(self, request, pk=None, user_id=None):
        team = self.get_object_for("manage")
        user = User.objects.restrict(request.user, "view").filter(pk=user_id).first()
        if user is None:
            return Response({"detail": "Not found. It does not exist or you do not have access to it."}, status=404)
        services.remove_team_member(actor=request.user, team=team, user=user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @staticmethod
    def _members(team):
        rows = TeamRoleGroup.objects.filter(team=team).values("role", "group__user", "group__user__username")
        return [
            {"user": r["group__user"], "username": r["group__user__username"], "role": r["role"]}
            for r in rows.order_by("group__user__username") if r["group__user"] is not None
        ]
