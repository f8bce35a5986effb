"""a user's rejected changes on applications; a name on API tokens

Revision ID: 0004_choices_token_names
Revises: 0003_plans
Create Date: 2026-11-22 18:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_choices_token_names'
down_revision = '0003_plans'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rejected_changes', sa.JSON(), nullable=True))
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('name', sa.String(length=100), nullable=False, server_default='')
        )


def downgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_column('name')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('rejected_changes')
