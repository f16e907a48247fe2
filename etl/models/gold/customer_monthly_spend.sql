-- gold.customer_monthly_spend
-- grain: customer x month (customer-months with a valid order)
-- sources: silver.fact_orders
-- contract: §5 gold.customer_monthly_spend
create or replace table {{gold.customer_monthly_spend}} as
select customer_id, order_month as month, count(*) as orders, sum(revenue) as revenue
from {{silver.fact_orders}}
where is_valid
group by all;
