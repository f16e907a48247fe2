-- silver.dim_customers
-- grain: one row per customer_id
-- sources: bronze.customers
-- contract: §3 customer attributes (type 1: the latest row applies to all history), §3 order of arrival
create or replace table {{silver.dim_customers}} as
select customer_id, gender, birth_date, country, region, city, signup_date,
       _file_id, _row_number
from bronze.customers
qualify row_number() over (partition by customer_id order by _file_id desc, _row_number desc) = 1;
