export interface CartLine {
  sku: string;
  name: string;
  price: number;
  quantity: number;
}

const BASE = '/api';

export async function fetchCart(userId: number): Promise<CartLine[]> {
  const response = await fetch(`${BASE}/users/${userId}/cart`);
  // Errors are not checked: a 500 is parsed as if it were a cart.
  return (await response.json()) as CartLine[];
}
