from . import models, wizards


def post_init_hook(env):
    """Give every existing company the default recovery ladder."""
    env["res.company"].search([])._debt_recovery_create_default_policy()
